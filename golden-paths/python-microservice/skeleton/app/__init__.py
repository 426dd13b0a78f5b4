${{ values.description | tojson }}
